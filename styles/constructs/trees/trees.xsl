<?xml version="1.0" encoding="UTF-8"?>
<!-- Trees (TEI's nets module: forest, eTree, eLeaf, triangle): a family tree, a parse tree
     or a stemma drawn as an outline, each node's label above the nodes it governs, every
     level indented under its parent (base.css draws the branches). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:forest | tei:listForest">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <div class="forest"><xsl:call-template name="atts"/><xsl:apply-templates select="*"/></div>
      </xsl:when>
      <xsl:otherwise><span class="forest"><xsl:call-template name="atts"/><xsl:apply-templates select="*"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A tree standing on its own is a list of one root; a tree inside a tree is an item of
       its parent's list. Where the TEI allows no block (a tree inside a paragraph), the
       labels are read in order, each level in parentheses. -->
  <xsl:template match="tei:eTree | tei:eLeaf | tei:triangle">
    <xsl:variable name="flow"><xsl:apply-templates select="ancestor::*[not(self::tei:eTree or self::tei:forest
        or self::tei:listForest or self::tei:triangle)][1]" mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow != 'y'">
        <span class="tree-node"><xsl:call-template name="atts"/>
          <xsl:apply-templates select="tei:label/node()"/>
          <xsl:if test="tei:eTree | tei:eLeaf | tei:triangle">
            <xsl:text> (</xsl:text><xsl:apply-templates select="tei:eTree | tei:eLeaf | tei:triangle"/><xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:if test="following-sibling::*[self::tei:eTree or self::tei:eLeaf or self::tei:triangle]"><xsl:text>, </xsl:text></xsl:if>
        </span>
      </xsl:when>
      <xsl:when test="parent::tei:eTree or parent::tei:triangle">
        <li class="tree-node"><xsl:call-template name="atts"/><xsl:call-template name="tree-node"/></li>
      </xsl:when>
      <xsl:otherwise>
        <ul class="tree"><li class="tree-node"><xsl:call-template name="atts"/><xsl:call-template name="tree-node"/></li></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tree-node">
    <xsl:if test="tei:label[normalize-space(.) != '']">
      <span class="tree-label"><xsl:apply-templates select="tei:label[1]/node()"/></span>
    </xsl:if>
    <xsl:apply-templates select="tei:ptr | tei:ref"/>
    <xsl:if test="tei:eTree | tei:eLeaf | tei:triangle">
      <ul><xsl:apply-templates select="tei:eTree | tei:eLeaf | tei:triangle"/></ul>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
