<?xml version="1.0" encoding="UTF-8"?>
<!-- The back-of-book index the text's own index entries make (index, term): each entry
     marks its place in the text, and the index after the text lists the terms, sorted,
     with their sub-entries and a link to every place. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="tei exsl">

  <!-- the entries of the text (a sub-entry, index inside index, belongs to its entry) -->
  <xsl:key name="index-by-name" match="tei:text//tei:index[not(parent::tei:index)][tei:term[normalize-space(.) != '']]"
      use="normalize-space(@indexName)"/>
  <xsl:key name="index-by-term" match="tei:text//tei:index[not(parent::tei:index)][tei:term[normalize-space(.) != '']]"
      use="concat(normalize-space(@indexName), '|', normalize-space(tei:term[1]))"/>
  <xsl:key name="index-by-subterm" match="tei:text//tei:index/tei:index[tei:term[normalize-space(.) != '']]"
      use="concat(normalize-space(../@indexName), '|', normalize-space(../tei:term[1]), '|', normalize-space(tei:term[1]))"/>

  <!-- An entry in the text: an empty anchor where it stands (its words are the index's,
       not the text's: "A word<index><term>word</term></index>" reads "A word"). -->
  <xsl:template match="tei:index">
    <xsl:if test="not(parent::tei:index)">
      <span class="anchor"><xsl:attribute name="id"><xsl:call-template name="id-value"/></xsl:attribute></span>
    </xsl:if>
  </xsl:template>

  <!-- section.index[role=doc-index]: one list per index the text names (@indexName), each
       under its name when there are several (in the order of their names); the entries sorted by their term (or its
       @sortKey), each with links to its places and its sub-entries, in the register's order
       (case and accents folded: $SORT-FROM, $SORT-TO). -->
  <xsl:variable name="index-entries" select="key('element-by-name', 'index')[self::tei:index][ancestor::tei:text]
      [not(parent::tei:index)][tei:term[normalize-space(.) != '']]"/>

  <xsl:template name="index-section">
    <xsl:variable name="entries" select="$index-entries"/>
    <xsl:if test="$entries">
      <xsl:variable name="first-of-each-index"
          select="$entries[generate-id() = generate-id(key('index-by-name', normalize-space(@indexName))[1])]"/>
      <section id="{$id-index}" class="index" role="doc-index" aria-labelledby="{$id-index}-heading">
        <h2 id="{$id-index}-heading"><xsl:value-of select="$L[@k = 'index']"/></h2>
        <xsl:for-each select="$first-of-each-index">
          <xsl:sort select="translate(normalize-space(@indexName), $SORT-FROM, $SORT-TO)"/>
          <xsl:variable name="name" select="normalize-space(@indexName)"/>
          <xsl:choose>
            <xsl:when test="count($first-of-each-index) &gt; 1">
              <section class="index-part" id="{$id-index}-part-{position()}" aria-labelledby="{$id-index}-part-{position()}-heading">
                <h3 id="{$id-index}-part-{position()}-heading">
                  <xsl:choose>
                    <xsl:when test="$name != ''"><xsl:value-of select="concat(translate(substring($name, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($name, 2))"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$L[@k = 'index']"/></xsl:otherwise>
                  </xsl:choose>
                </h3>
                <xsl:call-template name="index-list"><xsl:with-param name="name" select="$name"/></xsl:call-template>
              </section>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="index-list"><xsl:with-param name="name" select="$name"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="index-list">
    <xsl:param name="name"/>
    <ul>
      <xsl:for-each select="key('index-by-name', $name)[generate-id() = generate-id(key('index-by-term', concat($name, '|', normalize-space(tei:term[1])))[1])]">
        <xsl:sort select="translate(normalize-space(concat(tei:term[1]/@sortKey, ' ', tei:term[1][not(@sortKey)])), $SORT-FROM, $SORT-TO)"/>
        <xsl:variable name="key" select="concat($name, '|', normalize-space(tei:term[1]))"/>
        <xsl:variable name="all" select="key('index-by-term', $key)"/>
        <li class="index-entry">
          <span class="entry-name"><xsl:apply-templates select="tei:term[1]/node()"/></span>
          <xsl:call-template name="index-places"><xsl:with-param name="places" select="$all[not(tei:index)]"/></xsl:call-template>
          <xsl:variable name="subs" select="$all/tei:index[tei:term[normalize-space(.) != '']]"/>
          <xsl:if test="$subs">
            <ul>
              <xsl:for-each select="$subs[generate-id() = generate-id(key('index-by-subterm', concat($key, '|', normalize-space(tei:term[1])))[1])]">
                <xsl:sort select="translate(normalize-space(concat(tei:term[1]/@sortKey, ' ', tei:term[1][not(@sortKey)])), $SORT-FROM, $SORT-TO)"/>
                <li class="index-entry">
                  <span class="entry-name"><xsl:apply-templates select="tei:term[1]/node()"/></span>
                  <xsl:call-template name="index-places">
                    <xsl:with-param name="places" select="key('index-by-subterm', concat($key, '|', normalize-space(tei:term[1])))"/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The places of an entry, as the register gives a name's (occurrence-links), each
     linked to its entry's anchor. -->
  <xsl:template name="index-places">
    <xsl:param name="places"/>
    <xsl:if test="$places">
      <xsl:variable name="places-rtf">
        <xsl:for-each select="$places">
          <o>
            <xsl:attribute name="href"><xsl:for-each select="ancestor-or-self::tei:index[not(parent::tei:index)]"><xsl:call-template name="id-value"/></xsl:for-each></xsl:attribute>
            <xsl:attribute name="u"><xsl:call-template name="locator-unit"/></xsl:attribute>
            <xsl:call-template name="locator"/>
          </o>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="occurrence-links"><xsl:with-param name="places" select="exsl:node-set($places-rtf)/o"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
