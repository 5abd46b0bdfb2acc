<?xml version="1.0" encoding="UTF-8"?>
<!-- The source's layout: page, line and column breaks, milestones, forme work (fw). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- ============ breaks and milestones ============ -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="ord">
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$ordinals"><xsl:value-of select="key('ordinal', $g)/@n"/></xsl:for-each>
      </xsl:variable>
      <xsl:variable name="n">
        <xsl:choose>
          <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$ord"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <!-- title, not aria-label: axe-core prohibits aria-label on an empty span with this role -->
      <span class="pb" role="doc-pagebreak" title="{$L[@k = 'page']} {$n}" data-n="{$n}">
        <xsl:attribute name="id">
          <xsl:choose>
            <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
            <xsl:otherwise>page-<xsl:value-of select="$ord"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@facs"><xsl:attribute name="data-facs"><xsl:value-of select="@facs"/></xsl:attribute></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A line break is a br, except
       - inside a word (@break="no"): span.lb.nobreak,
         no break and no space (the white space around it in the TEI is dropped, below);
       - before any text of its block (TEI puts lb at the start of each line): span.lb,
         so that the block does not open with an empty line.
       Either span is empty and keeps the lb's id, so links to the line still work. -->
  <xsl:template match="tei:lb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="nobreak"><xsl:call-template name="lb-nobreak"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$nobreak = 'y'">
          <span class="lb nobreak"><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></span>
        </xsl:when>
        <xsl:when test="(parent::tei:p or parent::tei:ab or parent::tei:l or parent::tei:head or parent::tei:item or parent::tei:cell
              or parent::tei:speaker or parent::tei:stage or parent::tei:note or parent::tei:quote or parent::tei:q or parent::tei:said
              or parent::tei:sp or parent::tei:lg or parent::tei:dateline or parent::tei:salute or parent::tei:signed or parent::tei:trailer
              or parent::tei:byline or parent::tei:label or parent::tei:titlePart or parent::tei:opener or parent::tei:closer
              or parent::tei:postscript or parent::tei:argument or parent::tei:epigraph or parent::tei:docImprint or parent::tei:address)
            and not(preceding-sibling::text()[normalize-space(.) != ''])
            and not(preceding-sibling::*[not(self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone or self::tei:anchor or self::tei:gb)])">
          <span class="lb"><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></span>
        </xsl:when>
        <xsl:otherwise>
          <br><xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if></br>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- 'y' when this lb stands inside a word: @break="no", the TEI attribute that says so,
       or the markers projects use for a word hyphenated at the line end (type
       hyphenInWord/inWord, rend hidden). editio's fidelity count joins exactly these. -->
  <xsl:template name="lb-nobreak">
    <xsl:if test="@break = 'no' or @type = 'hyphenInWord' or @type = 'inWord'
        or contains(concat(' ', normalize-space(@rend), ' '), ' hidden ')">y</xsl:if>
  </xsl:template>

  <!-- Text that touches a line break inside a word loses the white space on that side;
       the text of a speaker label, role or role description loses its outer white space
       (it is the text of a link: "Hamlet", not "Hamlet "); white space between the
       parts of a cast list item is one space (none at its edges). -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:lb] or following-sibling::node()[1][self::tei:lb]
      or parent::tei:speaker or parent::tei:role or parent::tei:roleDesc or parent::tei:castItem]">
    <xsl:variable name="before"><xsl:for-each select="preceding-sibling::node()[1][self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="after"><xsl:for-each select="following-sibling::node()[1][self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="label" select="parent::tei:speaker or parent::tei:role or parent::tei:roleDesc"/>
    <xsl:choose>
      <xsl:when test="parent::tei:castItem and normalize-space(.) = ''">
        <!-- the role template writes ", " before a role description -->
        <xsl:if test="preceding-sibling::* and following-sibling::* and not(preceding-sibling::*[1][self::tei:role][following-sibling::tei:roleDesc])">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lead" select="$before = 'y' or ($label and not(preceding-sibling::node()))"/>
        <xsl:variable name="trail" select="$after = 'y' or ($label and not(following-sibling::node()))"/>
        <xsl:variable name="s">
          <xsl:choose>
            <xsl:when test="$lead and normalize-space(.) = ''"/>
            <xsl:when test="$lead"><xsl:value-of select="substring(., string-length(substring-before(., substring(normalize-space(.), 1, 1))) + 1)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$trail"><xsl:call-template name="trim-end"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-end">
    <xsl:param name="s"/>
    <xsl:variable name="last" select="substring($s, string-length($s))"/>
    <xsl:choose>
      <xsl:when test="$last != '' and normalize-space($last) = ''">
        <xsl:call-template name="trim-end"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:gb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <span class="{local-name()}">
        <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
        <xsl:if test="@unit"><xsl:attribute name="data-unit"><xsl:value-of select="@unit"/></xsl:attribute></xsl:if>
        <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
        <xsl:if test="@rend"><xsl:attribute name="data-rend"><xsl:value-of select="@rend"/></xsl:attribute></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw">
    <span class="fw"><xsl:call-template name="atts"/><xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
